"""The advice: advisor, interview, clocks, deadlines, hours, checklists, lookup."""
