"""The year's work points (工作要点) and the calendar of key work (重点工作行事历), followed item by
item to closure."""
