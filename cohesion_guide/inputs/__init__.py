"""Read and check every YAML file the project takes in: profiles, audits, case studies, local.yml."""
