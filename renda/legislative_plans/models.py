"""The term's legislative programme (立法规划), the yearly plan (年度立法计划) with its items by
status, proposals for items (立项), legislative research and post-enactment review (both on the
oversight survey machinery)."""
