"""The floor: the smallest Typer program, one command taking one string argument."""

import typer

app = typer.Typer()


@app.command()
def main(name: str):
    print(name)


if __name__ == "__main__":
    app()
