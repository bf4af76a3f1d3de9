"""Import schools from the national register (GIAS) and the school census into profiles."""
