"""Word documents (python-docx): the draft of a department's annual S-211 report."""
