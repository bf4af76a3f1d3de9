"""What a site build adds: pages and files made from schools, audits and case studies. No MkDocs import."""
