"""A school's documents as Markdown: the tailoring rules, templates, action plan, evidence and charts."""
