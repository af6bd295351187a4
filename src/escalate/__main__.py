from escalate.cli.main import app

app(prog_name="escalate")
