"""The HTTP client guards (propexo_preflight.guards) against a server on 127.0.0.1 that
records what arrives: httpx (sync and async) and requests, the same cases for each."""

import asyncio
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx  # test dependencies (requirements-dev.txt), not the package's
import pytest
import requests

import propexo_preflight as pf

# An update whose normalized form differs from the text: days Sunday first, slots by start.
UPDATE_TEXT = (
    '{"use_custom_sync_schedule":true,"custom_sync_schedule":{"type":"WEEK_BASED","timezone":"UTC","interval":{'
    '"TUESDAY":{"slots":[{"start":"13:00","end":"17:00","sync_frequency":2,"sync_cadence":"HOUR"},'
    '{"start":"09:00","end":"12:00","sync_frequency":30,"sync_cadence":"MINUTE"}]},'
    '"MONDAY":{"slots":[{"start":"09:00","end":"17:00","sync_frequency":1,"sync_cadence":"HOUR"}]}}},"name":"Downtown"}'
)
OVERLAP_TEXT = UPDATE_TEXT.replace('"start":"13:00"', '"start":"11:00"')
# A create in the documented field order, as normalization writes it.
CREATE = {
    "integration_vendor": "ENTRATA",
    "credentials": {"apiKey": "key-1", "companyId": "acme"},
    "name": "Downtown",
    "sync_frequency": 6,
    "sync_cadence": "HOUR",
}
HEADERS = {"content-type": "application/json", "authorization": "Bearer test-token"}
#: The stored integration, as GET answers it (the bare object the core reads today).
STORED = {"id": "int_1", "vendor": "BUILDIUM", "name": "Downtown", "active": True}
# GET /v1/admin/integrations/{id}/ answers the integration under `results`, beside this.
GET_META = {"offset": 0, "limit": 1, "orderBy": [], "hasMore": False, "total": 1}


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def normalized_text(text, operation="update"):
    return compact(pf.check(text, operation=operation)["normalized"])


class Recorder(BaseHTTPRequestHandler):
    def _body(self):
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip(), 16)
                chunk = self.rfile.read(size)
                self.rfile.readline()
                if size == 0:
                    return data
                data += chunk
        return self.rfile.read(int(self.headers.get("content-length") or 0))

    def _handle(self):
        body = self._body().decode("utf-8")
        self.server.arrived.append(
            {
                "method": self.command,
                "path": self.path,
                "content_type": self.headers.get("content-type"),
                "authorization": self.headers.get("authorization"),
                "body": body,
            }
        )
        status, answer = 200, {"received": True}
        parts = self.path.split("?")[0].strip("/").split("/")
        if self.command == "GET" and parts[:3] == ["v1", "admin", "integrations"] and len(parts) == 4:
            status, answer = (404, {"error": {"code": "not_found"}}) if parts[3] == "missing" else (200, {"meta": GET_META, "results": {**STORED, "id": parts[3]}})
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    httpd.arrived = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def api(server):
    server.arrived.clear()

    class Api:
        origin = "http://127.0.0.1:%d" % server.server_address[1]
        collection = origin + "/v1/admin/integrations/"

        @staticmethod
        def item(id="int_1"):
            return "%s/v1/admin/integrations/%s/" % (Api.origin, id)

        @staticmethod
        def arrived():
            got = list(server.arrived)
            server.arrived.clear()
            return got

    return Api


class Client:
    """One guarded client of a kind, with one way to send: content (bytes or str), json,
    or form (a dict, sent as application/x-www-form-urlencoded)."""

    def __init__(self, kind, **options):
        self.kind = kind
        self.options = options

    def send(self, method, url, *, headers=None, content=None, json=None, form=None):
        if self.kind == "requests":
            session = requests.Session()
            session.mount("http://", pf.PreflightAdapter(**self.options))
            data = form if form is not None else content
            with session:
                response = session.request(method, url, headers=headers, data=data, json=json)
            return response.status_code, getattr(response, "preflight_report", None)
        kwargs = {"headers": headers, "json": json}
        if form is not None:
            kwargs["data"] = form
        elif content is not None:
            kwargs["content"] = content
        if self.kind == "httpx":
            with pf.guard_httpx(httpx.Client(), **self.options) as client:
                response = client.request(method, url, **kwargs)
        else:

            async def go():
                async with pf.guard_httpx(httpx.AsyncClient(), **self.options) as client:
                    return await client.request(method, url, **kwargs)

            response = asyncio.run(go())
        return response.status_code, response.request.extensions.get("preflight_report")


KINDS = ["httpx", "httpx-async", "requests"]


@pytest.fixture(params=KINDS)
def kind(request):
    return request.param


def test_an_invalid_update_raises_and_never_arrives(api, kind):
    client = Client(kind)
    with pytest.raises(pf.PreflightError) as raised:
        client.send("PUT", api.item(), headers=HEADERS, content=OVERLAP_TEXT)
    errors = [(i["code"], i["pointer"]) for i in raised.value.issues if i["severity"] == "error"]
    assert errors == [("overlapping_slots", "/custom_sync_schedule/interval/TUESDAY/slots/1")]
    with pytest.raises(pf.PreflightError):
        client.send("POST", api.collection, json={**CREATE, "sync_frequency": 0})
    with pytest.raises(pf.PreflightError) as broken:
        client.send("POST", api.collection, headers=HEADERS, content=b'{"name":')
    assert [i["code"] for i in broken.value.issues] == ["invalid_json"]
    assert api.arrived() == []


def test_a_valid_update_arrives_normalized_with_its_headers(api, kind):
    status, report = Client(kind).send("PUT", api.item(), headers=HEADERS, content=UPDATE_TEXT)
    assert status == 200
    expected = normalized_text(UPDATE_TEXT)
    assert expected != UPDATE_TEXT
    [got] = api.arrived()
    assert (got["method"], got["path"], got["body"]) == ("PUT", "/v1/admin/integrations/int_1/", expected)
    assert (got["content_type"], got["authorization"]) == ("application/json", "Bearer test-token")
    assert report["valid"] is True


def test_a_valid_create_arrives_normalized_and_coerce_reads_form_values(api, kind):
    given = {"name": "Downtown", **{k: v for k, v in CREATE.items() if k != "name"}}
    given.update(sync_frequency="6", sync_cadence="hour")
    Client(kind, coerce=True).send("POST", api.collection, json=given)
    [got] = api.arrived()
    assert got["method"] == "POST"
    assert got["body"] == compact(CREATE)


def test_send_as_given_checks_then_sends_the_text_unchanged(api, kind):
    client = Client(kind, send="as-given")
    client.send("PUT", api.item(), headers=HEADERS, content=UPDATE_TEXT.encode())
    assert [r["body"] for r in api.arrived()] == [UPDATE_TEXT]
    with pytest.raises(pf.PreflightError):
        client.send("PUT", api.item(), headers=HEADERS, content=OVERLAP_TEXT)
    assert api.arrived() == []


def test_warnings_reach_the_callback_and_it_can_stop_the_request(api, kind):
    seen = []
    body = compact({"name": "Downtown", "system": "PRODUCTION"})
    status, report = Client(kind, on_warnings=lambda w, r: seen.append([i["code"] for i in w])).send(
        "PUT", api.item(), headers=HEADERS, content=body
    )
    assert seen == [["deprecated_field"]]
    assert [i["code"] for i in report["issues"]] == ["deprecated_field"]
    assert len(api.arrived()) == 1

    def refuse(warnings, report):
        raise RuntimeError("refused: " + warnings[0]["code"])

    with pytest.raises(RuntimeError, match="refused: deprecated_field"):
        Client(kind, on_warnings=refuse).send("PUT", api.item(), headers=HEADERS, content=body)
    assert api.arrived() == []


def test_other_routes_methods_and_non_json_bodies_arrive_untouched(api, kind):
    client = Client(kind)
    bad = '{"sync_frequency":0}'
    client.send("POST", api.item() + "sync/", headers=HEADERS, content=bad)
    client.send("PUT", api.origin + "/v1/admin/other/", headers=HEADERS, content=bad)
    client.send("PUT", api.collection, headers=HEADERS, content=bad)
    client.send("PATCH", api.item(), headers=HEADERS, content=bad)
    client.send("DELETE", api.item(), headers={"authorization": "Bearer test-token"})
    client.send("GET", api.item() + "?expand=1")
    client.send("POST", api.collection, form={"sync_frequency": "0"})
    client.send("PUT", api.item(), headers={"content-type": "text/csv"}, content="sync_frequency\n0\n")
    client.send("PUT", api.item(), headers=HEADERS)
    got = api.arrived()
    assert ["%s %s %s" % (r["method"], r["path"], r["body"]) for r in got] == [
        "POST /v1/admin/integrations/int_1/sync/ " + bad,
        "PUT /v1/admin/other/ " + bad,
        "PUT /v1/admin/integrations/ " + bad,
        "PATCH /v1/admin/integrations/int_1/ " + bad,
        "DELETE /v1/admin/integrations/int_1/ ",
        "GET /v1/admin/integrations/int_1/?expand=1 ",
        "POST /v1/admin/integrations/ sync_frequency=0",
        "PUT /v1/admin/integrations/int_1/ sync_frequency\n0\n",
        "PUT /v1/admin/integrations/int_1/ ",
    ]
    assert got[6]["content_type"].startswith("application/x-www-form-urlencoded")


def test_current_judges_an_update_against_the_stored_integration(api, kind):
    body = compact({"credentials": {"clientId": "c-1"}})
    # Without it, the vendor is unknown and the credentials are only warned about.
    _, report = Client(kind).send("PUT", api.item(), headers=HEADERS, content=body)
    assert all(i["severity"] == "warning" for i in report["issues"])
    assert [r["method"] for r in api.arrived()] == ["PUT"]

    # With it, the stored vendor (Buildium) needs `secret` too.
    guarded = Client(kind, current=True)
    with pytest.raises(pf.PreflightError) as raised:
        guarded.send("PUT", api.item(), headers=HEADERS, content=body)
    assert [(i["code"], i["pointer"]) for i in raised.value.issues if i["severity"] == "error"] == [
        ("missing_credential_field", "/credentials/secret")
    ]
    assert [(r["method"], r["path"], r["authorization"], r["body"]) for r in api.arrived()] == [
        ("GET", "/v1/admin/integrations/int_1/", "Bearer test-token", "")
    ]

    complete = compact({"credentials": {"clientId": "c-1", "secret": "s-1"}})
    guarded.send("PUT", api.item(), headers=HEADERS, content=complete)
    assert [(r["method"], r["authorization"]) for r in api.arrived()] == [
        ("GET", "Bearer test-token"),
        ("PUT", "Bearer test-token"),
    ]
    guarded.send("POST", api.collection, headers=HEADERS, content=compact(CREATE))
    assert [r["method"] for r in api.arrived()] == ["POST"], "no GET before a create"


def test_current_and_a_stored_integration_that_cannot_be_read(api, kind):
    error = requests.HTTPError if kind == "requests" else httpx.HTTPStatusError
    with pytest.raises(error, match="answered 404; the update was not sent"):
        Client(kind, current=True).send("PUT", api.item("missing"), headers=HEADERS, content='{"name":"x"}')
    assert [r["method"] for r in api.arrived()] == ["GET"]


def test_a_streamed_body_is_read_and_checked(api):
    def chunks(text):
        yield text[:40].encode()
        yield text[40:].encode()

    with pytest.raises(pf.PreflightError):
        with pf.guard_httpx(httpx.Client()) as client:
            client.put(api.item(), headers=HEADERS, content=chunks(OVERLAP_TEXT))
    session = requests.Session()
    session.mount("http://", pf.PreflightAdapter())
    with pytest.raises(pf.PreflightError):
        session.put(api.item(), headers=HEADERS, data=chunks(OVERLAP_TEXT))
    assert api.arrived() == []
    session.put(api.item(), headers=HEADERS, data=chunks(UPDATE_TEXT))
    with pf.guard_httpx(httpx.Client()) as client:
        client.put(api.item(), headers=HEADERS, content=chunks(UPDATE_TEXT))
    assert [r["body"] for r in api.arrived()] == [normalized_text(UPDATE_TEXT)] * 2


def test_guards_refuse_what_they_cannot_honour():
    with pytest.raises(TypeError):
        pf.guard_httpx(object())
    with pytest.raises(ValueError):
        pf.guard_httpx(httpx.Client(), send="raw")
    with pytest.raises(TypeError):
        pf.PreflightAdapter(on_warnings="log")
    with pytest.raises(TypeError):
        pf.PreflightAdapter(current={"id": "int_1"})


def test_importing_the_package_imports_neither_httpx_nor_requests():
    script = (
        "import sys, propexo_preflight as pf\n"
        "before = [m in sys.modules for m in ('httpx', 'requests')]\n"
        "pf.guard_httpx\n"
        "middle = [m in sys.modules for m in ('httpx', 'requests')]\n"
        "pf.PreflightAdapter\n"
        "print(before, middle, 'requests' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[False, False] [False, False] True"
