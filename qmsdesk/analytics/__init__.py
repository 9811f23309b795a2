"""Pure functions over records: rates, SPC and run-chart rules, derived figures. No Qt here."""
