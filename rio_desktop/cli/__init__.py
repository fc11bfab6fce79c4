"""The command line: each command parses nothing (rio_desktop.__main__ does), runs a use case of
rio_desktop.tasks or the models package, and prints what a script or a clerk at a terminal needs."""
