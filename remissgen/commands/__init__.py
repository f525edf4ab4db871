"""One module per command; each has run(args) -> exit status and prints only through report."""
