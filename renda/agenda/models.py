"""The agenda chain of the standing committee: items proposed with their documents, the directors'
meeting's decision to submit them (提请常委会审议), the draft agenda and schedule it fixes for a session,
and the session's adoption of them by vote."""
