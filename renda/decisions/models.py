"""重大事项决定: a major matter deliberated and voted, the resolution or decision (决议/决定) it
produces, and the implementation report that follows it."""
