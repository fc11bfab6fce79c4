"""The use-case layer: what the window and the command line ask for, each choice settled here once, between
them and the documents, engine and models packages. Nothing here imports Qt."""
