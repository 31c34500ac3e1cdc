from .app import run_cli

run_cli()
