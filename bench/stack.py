"""The running local stack as ./switchboard describes it (`./switchboard info`): its gateway, the local admin key, the
gateway token the services require. The bench scripts reach the system through the gateway, as a user does."""
import pathlib, shlex, subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent


def info():
    out = subprocess.run([str(ROOT / "switchboard"), "info"], check=True, capture_output=True, text=True).stdout
    return {key: shlex.split(value)[0] if value else "" for key, _, value in
            (line.partition("=") for line in out.splitlines())}


INFO = info()
GATEWAY_PORT = int(INFO["SWITCHBOARD_GATEWAY_PORT"])
GATEWAY = "http://localhost:%d" % GATEWAY_PORT
SERVICE_HOST = INFO["SERVICE_HOST"]


def credential(name):
    lines = pathlib.Path(INFO["CREDENTIALS_FILE"]).read_text().split()
    return dict(line.split("=", 1) for line in lines)[name]


def gateway_token():
    """The token a service requires of every request but /actuator (only the gateway should send it)."""
    return pathlib.Path(INFO["TOKEN_FILE"]).read_text().strip()
