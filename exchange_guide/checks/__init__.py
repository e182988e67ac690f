"""The checks room: what an editor is told beyond the model's validation. Every text of every
language (texts.py), the glossary's terms (terms.py), spelling (spelling.py) and the fact register
(register.py). Imports the model and `calculators`, never rendering or MkDocs."""
