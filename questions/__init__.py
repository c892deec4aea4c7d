"""The question engine: syllabus, bank, selection and grading. No I/O beyond reading its own data files."""
