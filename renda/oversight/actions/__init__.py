"""Writes for oversight, one function per use case, by stage of the work:

- ``plan``: the yearly oversight plan and its items;
- ``activities``: a survey, inspection or visit, its team, plan document and itinerary;
- ``fieldwork``: notices to the team, letters to units, site visits, symposia, questionnaires;
- ``reporting``: the report, its findings and figures, and its hand-over to a meeting.
"""
