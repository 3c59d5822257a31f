"""The archive: one walk that places every file (scan), and what each file is (inspection, inspectors)."""
