"""Real-browser checks (issue 9), run by `make test-browser`, not by `make test` (the `browser` marker).

1. JupyterLab on localhost (a free port, a token, a temporary root holding a COPY of nbs/95_explorers.ipynb)
   opened in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; nothing is downloaded): run all
   cells, every explorer must render as widgets (sliders, status line, ipympl canvas), and moving its first
   slider with the keyboard must redraw its canvas. The message explorer (no calibration) must show its text.
2. The docs site (docs/_build/html, from `make docs`) served on localhost: every page reachable from the front
   page loads, every image on it has decoded (naturalWidth > 0) and every link to the site's own files resolves.
Screenshots of each explorer, of the notebook and of the docs front page go to test-artifacts/.
"""
import functools
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOUR = ROOT / "nbs" / "95_explorers.ipynb"
EXPLORERS = 5   # the tour's live explorers: EELS, 4D-STEM templates, distortion, FRFPMS, ptychography
DOCS = ROOT / "docs" / "_build" / "html"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    "A headless Chromium context (a new, empty profile) driven by Playwright."
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); "
                    "Playwright's own browser downloads are not used")
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1400, "height": 1000})
        yield context
        context.close()


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    "JupyterLab serving a temporary root with a copy of the tour notebook: (base url, token, notebook name)."
    root, home = tmp_path_factory.mktemp("lab-root"), tmp_path_factory.mktemp("lab-home")
    original = TOUR.read_bytes()
    shutil.copy2(TOUR, root / TOUR.name)
    notifications = home / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notifications.parent.mkdir(parents=True)
    notifications.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    tracker = home / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))   # render every cell: no off-screen zero-size canvases
    port, token = _free_port(), os.urandom(16).hex()
    env = {k: v for k, v in os.environ.items() if k != "STEMLAB_STATIC"}   # the kernel must build live widgets
    env.update(STEMLAB_PROGRESS="0", JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"), JUPYTER_RUNTIME_DIR=str(home / "runtime"))
    log = (home / "jupyterlab.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
                               "--ServerApp.port_retries=0", "--allow-root", f"--IdentityProvider.token={token}",
                               f"--ServerApp.root_dir={root}"], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not start:\n{(home / 'jupyterlab.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield base, token, TOUR.name
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert TOUR.read_bytes() == original          # the repository's notebook is untouched (the lab ran a copy)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "explorer"


def _accept_kernel_dialog(page, wait_s: float = 10) -> None:
    "Accept JupyterLab's 'Select Kernel' dialog (the notebook's own kernel, python3) if it shows within wait_s."
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    try:
        dialog.wait_for(timeout=1e3 * wait_s)
    except Exception:   # playwright's TimeoutError: no dialog
        return
    dialog.locator("button.jp-mod-accept").click()
    dialog.wait_for(state="detached", timeout=30_000)


def test_explorers_in_jupyterlab(browser, jupyterlab):
    base, token, name = jupyterlab
    page = browser.new_page()
    page.goto(f"{base}/lab/tree/{name}?token={token}&reset", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
    _accept_kernel_dialog(page)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).first.click()
    _accept_kernel_dialog(page)
    # the last cell prints which explorers exist: all cells have run when its text shows (or a cell failed)
    outputs = page.locator(".jp-OutputArea-output")
    try:
        outputs.filter(has_text="explore() available").or_(outputs.filter(has_text="Traceback")).first.wait_for(
            timeout=240_000)
    finally:
        page.screenshot(path=ARTIFACTS / "jupyterlab_95_explorers.png", full_page=True)
    tracebacks = outputs.filter(has_text="Traceback")
    assert tracebacks.count() == 0, tracebacks.first.inner_text()

    boxes = page.locator(".widget-vbox:has(.jupyter-matplotlib)")
    boxes.first.wait_for(timeout=60_000)
    deadline = time.monotonic() + 60            # the tour shows one explorer per method: all five must render
    while boxes.count() < EXPLORERS and time.monotonic() < deadline:
        time.sleep(0.5)
    assert boxes.count() == EXPLORERS, f"{boxes.count()} of {EXPLORERS} explorers rendered"
    for k in range(boxes.count()):
        box = boxes.nth(k)
        box.scroll_into_view_if_needed()
        canvas = box.locator(".jupyter-matplotlib canvas").first
        canvas.wait_for(timeout=60_000)
        status = box.locator(":scope > .widget-label").first.inner_text()     # the status line
        assert "updated in" in status, status
        shot = f"explorer_{k}_{_slug(status.split('·')[0])}"                 # e.g. explorer_0_eels_energy_window
        box.screenshot(path=ARTIFACTS / f"{shot}.png")
        sliders = box.locator(".widget-slider")
        assert sliders.count() >= 1, f"explorer {k} ({status!r}) has no slider"
        readout = sliders.first.locator(".widget-readout")
        before_value, before_pixels = readout.inner_text(), canvas.screenshot()
        sliders.first.locator(".noUi-handle").first.focus()
        for _ in range(4):
            page.keyboard.press("ArrowRight")
        deadline = time.monotonic() + 30
        while canvas.screenshot() == before_pixels and time.monotonic() < deadline:
            time.sleep(0.25)
        assert readout.inner_text() != before_value, f"explorer {k}: the slider did not move"
        assert canvas.screenshot() != before_pixels, f"explorer {k}: moving the slider did not redraw the figure"
        box.screenshot(path=ARTIFACTS / f"{shot}_after_slider.png")
    message = page.locator(".widget-html", has_text="cannot explore this spectrum image")
    assert message.count() == 1 and "energy_meV" in message.first.inner_text()
    page.close()


@pytest.fixture(scope="module")
def docs_site():
    "The built docs served on localhost: base url."
    if not (DOCS / "index.html").exists():
        pytest.fail(f"{DOCS} has no index.html: run `make docs` first (make test-browser does)")
    handler = functools.partial(_QuietHandler, directory=str(DOCS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", _free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status
    except urllib.error.HTTPError as err:
        return err.code


def test_docs_site(browser, docs_site):
    page = browser.new_page()
    reply = page.goto(f"{docs_site}/index.html")
    assert reply.ok
    page.screenshot(path=ARTIFACTS / "docs_front_page.png", full_page=True)
    to_visit, seen_pages, checked, broken, blank_images = [f"{docs_site}/index.html"], set(), {}, [], []
    images, tracebacks, texts = {}, [], {}
    while to_visit:
        url = to_visit.pop()
        if url in seen_pages:
            continue
        seen_pages.add(url)
        reply = page.goto(url, wait_until="load")
        if not reply.ok:
            broken.append((url, reply.status, "page"))
            continue
        blank_images += [(url, src) for src in page.eval_on_selector_all(
            "img", "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.currentSrc || i.src)")]
        images[url] = page.locator("img").count()
        if page.locator(".cell_output .traceback, .cell_output .highlight-ipythontb").count():
            tracebacks.append(url)                            # a notebook cell that failed while the site was built
        texts[url] = page.inner_text("body")
        for link in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            target = urllib.parse.urldefrag(link).url
            if not target.startswith(docs_site):
                continue                                      # external links are not checked (no network)
            if target.endswith(".html") or target.endswith("/"):
                to_visit.append(target)
            elif target not in checked:
                checked[target] = _status(target)
                if checked[target] != 200:
                    broken.append((url, checked[target], target))
    page.close()
    print(f"docs: {len(seen_pages)} pages, {len(checked)} other files checked")
    assert len(seen_pages) > 20, sorted(seen_pages)        # tutorials, figure notebooks and API pages were reached
    api, tour = f"{docs_site}/generated/stemlab.eels.html", f"{docs_site}/nbs/95_explorers.html"
    assert api in seen_pages and "explore" in texts[api], "the API pages were not reached from the front page"
    assert images.get(tour, 0) >= EXPLORERS, (tour, images.get(tour))   # the executed tour shows each explorer's figure
    assert not tracebacks, tracebacks
    assert not broken, broken[:20]
    assert not blank_images, blank_images[:20]
