"""A bill's way through the standing committee: the preliminary review report, the readings, the
unified review and revision reports, the vote (with separate votes on contested articles),
approval by the province, promulgation and filing."""
