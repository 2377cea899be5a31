"""The exam-morning load test (scripts/loadtest) and the two-app-server test: development only."""
