"""Analysis: taggers behind one protocol, frameworks and gazetteers as data files."""
