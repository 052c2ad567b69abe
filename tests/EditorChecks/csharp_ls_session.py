#!/usr/bin/env python3
"""A csharp-ls session on a project that uses the packed SignalGen package: which SignalGen
diagnostics the editor shows as you type, how long after the edit, and which code fixes it offers.

A documented, scripted check rather than a test (docs/diagnostics/README.md says why and what it
showed). Run it after `dotnet test` has made the local package feed, from the repository root:

    python3 tests/EditorChecks/csharp_ls_session.py

It installs csharp-ls 0.28.0 from the NuGet registry into artifacts/tools when missing, writes the
project into a temporary folder, and speaks the Language Server Protocol to csharp-ls over stdio,
with the one setting csharp-ls needs for SignalGen: csharp.analyzersEnabled = true.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOLS = os.path.join(ROOT, "artifacts", "tools")
CSHARP_LS = os.path.join(TOOLS, "csharp-ls")
VERSION = "0.28.0"

SCHEMA = """{
  "namespace": "App.Auth",
  "usings": ["App.Data"],
  "signals": {
    "UserLoggedIn": { "args": { "user": "User", "when": "DateTimeOffset" } },
    "UserSignedUp": { "args": { "user": "User", "referrer": "string?" } }
  }
}
"""

RECEIVERS = """using App.Auth;
using App.Data;
using SignalGen;

namespace App;

public static class Receivers
{
    [Receiver(Signal.UserLoggedIn)]
    public static void OnLogin(User user, DateTimeOffset when) { }

    [Receiver(Signal.UserSignedUp)]
    public static void OnSignup(User user, string? referrer) { }
}
"""

# Each step: a description, the file, the text replaced and its replacement, and the ID to wait for.
EDITS = [
    ("misspelt signal", "Receivers.cs", "Signal.UserLoggedIn", "Signal.UserLogedIn", "SGEN0101"),
    ("wrong parameter type", "Receivers.cs", "DateTimeOffset when)", "int when)", "SGEN0103"),
    ("unmatched parameter", "Receivers.cs", "string? referrer)", "string? referer)", "SGEN0102"),
    ("async void", "Receivers.cs", "public static void OnSignup", "public static async void OnSignup", "SGEN0105"),
]


def feed():
    done = sorted(glob.glob(os.path.join(ROOT, "artifacts", "package-feed", "*", "complete")), key=os.path.getmtime)
    if not done:
        sys.exit("No local package feed: run `dotnet test` (or the SignalGen.Diagnostics.Tests project) first.")
    with open(done[-1]) as f:
        return os.path.join(os.path.dirname(done[-1]), "feed"), f.read().strip()


def install_csharp_ls():
    if not os.path.exists(CSHARP_LS):
        subprocess.run(["dotnet", "tool", "install", "csharp-ls", "--version", VERSION, "--tool-path", TOOLS], check=True)


class Server:
    def __init__(self, folder):
        self.process = subprocess.Popen([CSHARP_LS, "--loglevel", "info"], cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 1
        self.responses = {}
        self.diagnostics = {}
        self.log = []
        self.lock = threading.Condition()
        threading.Thread(target=self.read, daemon=True).start()

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method, params, timeout=120):
        id = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
        with self.lock:
            if not self.lock.wait_for(lambda: id in self.responses, timeout):
                raise TimeoutError(method)
            return self.responses.pop(id)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(stream.read(length))
            self.handle(message)

    def handle(self, message):
        method = message.get("method")
        if "id" in message and method is None:
            with self.lock:
                self.responses[message["id"]] = message
                self.lock.notify_all()
        elif method == "workspace/configuration":
            # The one setting SignalGen needs: without it csharp-ls runs no analyzer.
            items = message["params"]["items"]
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": [{"analyzersEnabled": True} if i.get("section") == "csharp" else None for i in items]})
        elif "id" in message:
            with self.lock:
                self.log.append("request " + method)
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif method == "textDocument/publishDiagnostics":
            with self.lock:
                self.diagnostics[message["params"]["uri"]] = (time.monotonic(), message["params"]["diagnostics"])
                self.lock.notify_all()
        elif method in ("window/logMessage", "window/showMessage"):
            with self.lock:
                self.log.append(message["params"]["message"])
                self.lock.notify_all()
        elif method == "$/progress":
            value = message["params"].get("value", {})
            with self.lock:
                self.log.append(" ".join(str(value.get(key, "")) for key in ("kind", "title", "message")))
                self.lock.notify_all()


def ids(diagnostics):
    return sorted({str(d.get("code")) for d in diagnostics})


def main():
    feed_folder, version = feed()
    install_csharp_ls()
    folder = tempfile.mkdtemp(prefix="signalgen-csharp-ls-")
    with open(os.path.join(folder, "nuget.config"), "w") as f:
        f.write(f'<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><add key="signalgen-local" value="{feed_folder}" /></packageSources></configuration>\n')
    with open(os.path.join(folder, "App.csproj"), "w") as f:
        f.write(f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
  <ItemGroup><PackageReference Include="SignalGen" Version="{version}" /></ItemGroup>
</Project>
""")
    files = {"auth.signals.json": SCHEMA, "Receivers.cs": RECEIVERS,
             "Model.cs": "namespace App.Data;\n\npublic sealed record User(string Name);\n",
             "Program.cs": "Console.WriteLine(App.Auth.Signals.HasReceivers(App.Auth.Signal.UserLoggedIn));\n"}
    for name, text in files.items():
        with open(os.path.join(folder, name), "w") as f:
            f.write(text)
    subprocess.run(["dotnet", "restore", "-nologo"], cwd=folder, check=True, stdout=subprocess.DEVNULL)

    server = Server(folder)
    uri = "file://" + os.path.join(folder, "Receivers.cs")
    server.request("initialize", {
        "processId": os.getpid(), "rootUri": "file://" + folder, "workspaceFolders": [{"uri": "file://" + folder, "name": "App"}],
        "capabilities": {"window": {"workDoneProgress": True}, "workspace": {"configuration": True, "diagnostic": {}},
                         "textDocument": {"publishDiagnostics": {}, "diagnostic": {}, "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}}}}})
    started = time.monotonic()
    server.notify("initialized", {})
    version_number = 1
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "csharp", "version": version_number, "text": RECEIVERS}})

    # csharp-ls sends no "loaded" notice this client can rely on: the project is loaded (and the generator
    # has run) once hovering over Signal in [Receiver(Signal.UserLoggedIn)] shows the generated enum's doc.
    loaded = False
    while time.monotonic() - started < int(os.environ.get("CSHARP_LS_LOAD_TIMEOUT", "300")):
        hover = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 8, "character": 16}}).get("result")
        if hover and "The signals declared in this schema" in json.dumps(hover):
            loaded = True
            break
        time.sleep(0.5)
    print("csharp-ls", VERSION, "loaded the project" if loaded else "did not load the project", f"in {time.monotonic() - started:.1f} s")
    before = server.request("textDocument/diagnostic", {"textDocument": {"uri": uri}}).get("result") or {}
    print("unedited Receivers.cs shows:", ids(before.get("items", [])))

    text = RECEIVERS
    for description, _, find, replace, expected in EDITS:
        text = RECEIVERS.replace(find, replace, 1)
        version_number += 1
        edited = time.monotonic()
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version_number}, "contentChanges": [{"text": text}]})
        shown = None
        deadline = edited + 30
        while time.monotonic() < deadline:
            # Pull, as current clients do; csharp-ls also pushes.
            result = server.request("textDocument/diagnostic", {"textDocument": {"uri": uri}}).get("result") or {}
            items = result.get("items", [])
            if any(str(d.get("code")) == expected for d in items):
                shown = items
                break
            time.sleep(0.05)
        if shown is None:
            print(f"{description}: {expected} NOT shown within 30 s (last: {ids(items)})")
            continue
        diagnostic = next(d for d in shown if str(d.get("code")) == expected)
        start = diagnostic["range"]["start"]
        actions = server.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}).get("result") or []
        titles = [a.get("title") for a in actions]
        print(f"{description}: {expected} shown {time.monotonic() - edited:.2f} s after the edit at ({start['line'] + 1},{start['character'] + 1}); "
              f"all shown: {ids(shown)}; code actions: {titles}")

    # The schema: csharp-ls does not watch .json files, so it learns of the edit only when told the file changed.
    with open(os.path.join(folder, "auth.signals.json"), "w") as f:
        f.write(SCHEMA.replace('"DateTimeOffset"', '"DateTimeOfset"'))
    server.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": "file://" + os.path.join(folder, "auth.signals.json"), "type": 2}]})
    time.sleep(5)
    report = server.request("workspace/diagnostic", {"previousResultIds": []}).get("result") or {}
    schema = [(item.get("uri", "").rsplit("/", 1)[-1], ids(item.get("items", []))) for item in report.get("items", []) if item.get("items")]
    print("schema edit (misspelt type), then workspace/diagnostic:", schema)

    server.request("shutdown", None)
    server.notify("exit", None)
    server.process.wait(timeout=30)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
