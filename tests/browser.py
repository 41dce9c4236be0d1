"""Headless Chromium driven over the DevTools protocol, for the page tests.

Debian's ``chromium`` is started with ``--remote-debugging-pipe``: the protocol runs over
file descriptors 3 (commands in) and 4 (events and replies out) as NUL-separated JSON, so
no WebSocket client and no downloaded browser build are needed.

The browser sees only the fonts of ``font_dirs`` (a fontconfig file of our own), so a test
shows what a machine without a CJK font shows, whatever this machine has installed.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

# Latin fonts Debian's chromium pulls in; none of them has a CJK glyph.
LATIN_FONT_DIRS = ("/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/dejavu",
                   "/usr/share/fonts/truetype/liberation2")


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(RuntimeError):
    pass


class Browser:
    """One headless Chromium with one page; ``open(url)`` returns the console errors."""

    def __init__(self, binary: str, workdir: Path, font_dirs=LATIN_FONT_DIRS):
        workdir.mkdir(parents=True, exist_ok=True)
        fonts_conf = workdir / "fonts.conf"
        dirs = "".join(f"<dir>{d}</dir>" for d in font_dirs if os.path.isdir(d))
        fonts_conf.write_text(
            f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>{dirs}'
            f"<cachedir>{workdir / 'fontcache'}</cachedir></fontconfig>", encoding="utf-8")
        self.fonts_conf = fonts_conf
        env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf), "HOME": str(workdir)}
        self._to_browser_r, self._to_browser_w = os.pipe()
        self._from_browser_r, self._from_browser_w = os.pipe()
        profile = tempfile.mkdtemp(prefix="profile-", dir=workdir)
        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1200,900",
                f"--user-data-dir={profile}", "about:blank"]

        def wire():  # the pipe ends land on fds 3 and 4 in the child (copies first: no clobbering)
            commands, replies = os.dup(self._to_browser_r), os.dup(self._from_browser_w)
            os.dup2(commands, 3)
            os.dup2(replies, 4)

        self.process = subprocess.Popen(args, env=env, preexec_fn=wire, pass_fds=(3, 4),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=open(workdir / "chromium.log", "wb"))
        os.close(self._to_browser_r)
        os.close(self._from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "DOM", "CSS"):
            self.call(f"{domain}.enable", session=True)

    # -- protocol -------------------------------------------------------------------
    def _send(self, message: dict) -> None:
        os.write(self._to_browser_w, json.dumps(message).encode() + b"\0")

    def _receive(self, timeout: float) -> dict:
        import select

        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser_r], [], [], left)[0]:
                raise BrowserError("chromium did not answer in time")
            chunk = os.read(self._from_browser_r, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, session: bool = False, timeout: float = 30, **params) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self._send(message)
        while True:
            reply = self._receive(timeout)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict:
        for event in self.events:
            if event["method"] == method:
                self.events.remove(event)
                return event
        deadline = time.monotonic() + timeout
        while True:
            event = self._receive(max(0.1, deadline - time.monotonic()))
            if event.get("method") == method:
                return event
            if "method" in event:
                self.events.append(event)

    # -- page -----------------------------------------------------------------------
    def open(self, url: str) -> list[str]:
        """Load ``url``, wait for it and its fonts; the console errors and exceptions."""
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")
        self.evaluate("document.fonts.ready.then(() => true)")
        return self.console_errors()

    def console_errors(self) -> list[str]:
        errors = []
        for event in self.events:
            p = event.get("params", {})
            if event["method"] == "Runtime.exceptionThrown":
                d = p["exceptionDetails"]
                errors.append(d.get("exception", {}).get("description") or d.get("text", "exception"))
            elif event["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p["args"]))
            elif event["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
                errors.append(p["entry"]["text"])
        return errors

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", session=True, expression=expression,
                           awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path, full_page: bool = False) -> bytes:
        params = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            size = self.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"],
                              "height": min(size["height"], 8000), "scale": 1}
        data = base64.b64decode(self.call("Page.captureScreenshot", session=True, **params)["data"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return data

    def fonts_of(self, selector: str) -> list[dict]:
        """The fonts Chromium actually drew the text of the first ``selector`` with."""
        root = self.call("DOM.getDocument", session=True)["root"]["nodeId"]
        node = self.call("DOM.querySelector", session=True, nodeId=root, selector=selector)["nodeId"]
        if not node:
            raise BrowserError(f"no element {selector}")
        return self.call("CSS.getPlatformFontsForNode", session=True, nodeId=node)["fonts"]

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser_w)
        os.close(self._from_browser_r)
