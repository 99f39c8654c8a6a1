"""The web page in a real browser: Debian's chromium, headless, driven by Selenium
through chromedriver, against a real ``scrisk serve`` started in a subprocess on a
free loopback port. Upload -> verdict -> answering a name match -> French ->
downloads; the keyboard's skip link; an oversized upload refused while the server
lives on. Skipped where chromium or its driver is not installed (CI installs both).

``SCRISK_WEB_SCREENSHOTS=DIR`` also saves a full-page screenshot of every page in
both languages (how the README's picture is made; look at them after a change).
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="no chromium and chromedriver installed (Debian: apt-get install chromium "
    "chromium-driver)",
)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.expected_conditions import staleness_of  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GLOVE = ROOT / "examples" / "glove_bid.json"
SHOTS = os.environ.get("SCRISK_WEB_SCREENSHOTS")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``scrisk serve`` on 127.0.0.1 and a free port, its own register; its URL."""
    folder = tmp_path_factory.mktemp("serve")
    env = {
        k: v for k, v in os.environ.items() if k not in ("SCRISK_SERVE_TOKEN", "SCRISK_REGISTER")
    }
    port = free_port()
    command = [sys.executable, "-m", "scrisk", "serve", "--port", str(port)]
    command += ["--register", str(folder / "register.sqlite")]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # printed once the socket is bound
    assert line.startswith(f"scrisk serve: http://127.0.0.1:{port}/"), line
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[object]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("profile")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: object, text: str, timeout: float = 90) -> None:
    WebDriverWait(driver, timeout).until(lambda d: text in d.find_element(By.TAG_NAME, "body").text)


def follow(driver: object, element: object) -> None:
    """Click a link or button and wait until the next page has replaced this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 90).until(staleness_of(page))
    WebDriverWait(driver, 90).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def shot(driver: object, name: str) -> None:
    """A full-page screenshot when SCRISK_WEB_SCREENSHOTS names a folder."""
    if not SHOTS:
        return
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(int(height) + 40, 12_000))
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(Path(SHOTS) / f"{name}.png"))
    driver.set_window_size(1280, 1000)


def both_languages(driver: object, name: str) -> None:
    """Screenshot the page, switch language with the visible link, screenshot, switch back."""
    lang = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
    shot(driver, f"{name}-{lang}")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "a.switch"))
    other = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
    assert other != lang
    shot(driver, f"{name}-{other}")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "a.switch"))


def wait_for_file(folder: Path, suffix: str, timeout: float = 60) -> Path:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} file downloaded into {folder}: {list(folder.iterdir())}")


def test_upload_verdict_answer_french_and_download(server, browser, downloads):
    d = browser
    d.get(server + "/")
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    both_languages(d, "home")
    d.find_element(By.ID, "declaration").send_keys(str(GLOVE))
    follow(d, d.find_element(By.CSS_SELECTOR, "form[action='/assess'] button[type=submit]"))
    wait_for(d, "Critical risk, score 92.3 out of 100")
    assert "/records/" in d.current_url
    body = d.find_element(By.TAG_NAME, "body").text
    assert "Party on a forced-labour enforcement list" in body
    assert d.find_element(By.CSS_SELECTOR, ".picture img").get_attribute("naturalWidth") != "0"
    both_languages(d, "assessment")

    # answer the name match, with the keyboard where a reviewer would
    form = d.find_element(By.CSS_SELECTOR, "form.decide")
    form.find_element(By.CSS_SELECTOR, "input[value=not_a_match]").click()
    form.find_element(By.NAME, "reviewer").send_keys("A. Tremblay")
    form.find_element(By.NAME, "comment").send_keys("Another company <b>" + Keys.TAB)
    follow(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    wait_for(d, "Reviewed: not a match, by A. Tremblay")
    body = d.find_element(By.TAG_NAME, "body").text
    assert "Party on a forced-labour enforcement list" not in body  # applied at once
    assert "Another company <b>" in body  # shown as text

    # French, with the visible switch
    follow(d, d.find_element(By.LINK_TEXT, "Français"))
    wait_for(d, "Risque")
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert "Examiné : pas une correspondance, par A. Tremblay" in d.find_element(
        By.TAG_NAME, "body"
    ).text.replace("\u00a0", " ")

    # downloads
    d.find_element(By.PARTIAL_LINK_TEXT, "rapport JSON").click()
    report = json.loads(wait_for_file(downloads, ".json").read_text(encoding="utf-8"))
    assert report["lang"] == "fr" and report["decisions"][0]["decision"] == "not_a_match"
    d.find_element(By.PARTIAL_LINK_TEXT, "rapport Excel").click()
    assert wait_for_file(downloads, ".xlsx").read_bytes()[:4] == b"PK\x03\x04"


def test_the_other_pages_in_both_languages(server, browser):
    d = browser
    d.get(server + "/")
    follow(d, d.find_element(By.CSS_SELECTOR, "table a[href^='/solicitation']"))
    wait_for(d, "Solicitation EN578-211087/A")
    both_languages(d, "solicitation")
    follow(d, d.find_element(By.CSS_SELECTOR, "table th a"))
    d.find_element(By.ID, "contract").send_keys("EN578-211087/001/ZF")
    follow(d, d.find_element(By.CSS_SELECTOR, "form[action$='/award'] button"))
    wait_for(d, "Contract EN578-211087/001/ZF")
    both_languages(d, "contract")
    d.get(server + "/records/unknown")
    wait_for(d, "Page not found")
    both_languages(d, "error")


def test_the_skip_link_is_the_first_stop_of_the_keyboard(server, browser):
    d = browser
    d.get(server + "/")
    d.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    first = d.switch_to.active_element
    assert first.get_attribute("class") == "skip" and first.is_displayed()
    first.send_keys(Keys.ENTER)
    assert d.current_url.endswith("#main")


def test_an_oversized_upload_is_refused_and_the_server_lives_on(server):
    from scrisk.web.uploads import MAX_UPLOAD_BYTES

    host, port = server.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.putrequest("POST", "/assess")
    conn.putheader("Origin", server)
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Content-Length", str(MAX_UPLOAD_BYTES + 1))
    conn.endheaders()
    try:
        conn.send(b"--x\r\n" + b"a" * 65_536)
    except OSError:
        pass  # the server may close the connection as soon as it has answered
    response = conn.getresponse()
    assert response.status == 413
    assert b"File too large" in response.read()
    conn.close()
    again = http.client.HTTPConnection(host, int(port), timeout=30)
    again.request("GET", "/")
    assert again.getresponse().status == 200
