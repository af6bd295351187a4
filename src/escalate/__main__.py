from escalate.cli import app

app(prog_name="escalate")
