"""The command-line edge: parse options, call one service, format the result."""
