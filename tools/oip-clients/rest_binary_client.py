#!/usr/bin/env python3
"""An Open Inference Protocol v2 REST client written from the published spec (KServe V2
inference protocol plus Triton's binary tensor data extension), standard library only.

It checks health and metadata, sends the images once with the binary extension and once as
JSON, sends one malformed binary request, and prints a JSON report on stdout:

    rest_binary_client.py --url http://127.0.0.1:8080 --model mnist --images images.f32 \
        --count 100 [--token TOKEN]

images.f32 holds COUNT images as little-endian float32 in [0,1], row-major, in the shape the
model metadata declares (after the batch dimension).
"""
import argparse
import json
import struct
import sys
import urllib.error
import urllib.request


def call(url, token, body=None, headers=None):
    req = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def pack(datatype, values):
    if datatype == "FP32":
        return struct.pack("<%df" % len(values), *values)
    if datatype == "FP64":
        return struct.pack("<%dd" % len(values), *values)
    if datatype == "UINT8":
        return bytes(round(v * 255) for v in values)
    if datatype == "INT64":
        return struct.pack("<%dq" % len(values), *(round(v * 255) for v in values))
    raise SystemExit("datatype %s not handled by this client" % datatype)


def unpack(datatype, raw):
    fmt = {"INT64": "q", "INT32": "i", "FP32": "f", "FP64": "d", "UINT8": "B"}[datatype]
    return list(struct.unpack("<%d%s" % (len(raw) // struct.calcsize(fmt), fmt), raw))


def labels_from(outputs, blobs):
    """The 'label' output, from JSON data or from its binary blob."""
    for out in outputs:
        if out["name"] == "label":
            if "data" in out:
                return [int(v) for v in out["data"]]
            return [int(v) for v in unpack(out["datatype"], blobs[out["name"]])]
    raise SystemExit("no label output in %s" % outputs)


def split_binary(headers, body):
    """(JSON header, {output name: raw bytes}) of a response that may use the binary extension."""
    length = {k.lower(): v for k, v in headers.items()}.get("inference-header-content-length")
    if length is None:
        return json.loads(body), {}
    n = int(length)
    header = json.loads(body[:n])
    blobs, at = {}, n
    for out in header["outputs"]:
        size = out.get("parameters", {}).get("binary_data_size")
        if size is not None:
            blobs[out["name"]] = body[at:at + size]
            at += size
    return header, blobs


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--images", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--token")
    a = p.parse_args()
    report = {}

    status, _, body = call(a.url + "/v2/health/ready", None)
    report["ready"] = status == 200 and json.loads(body).get("ready") is True
    status, _, body = call(a.url + "/v2", a.token)
    report["extensions"] = json.loads(body).get("extensions", []) if status == 200 else []
    status, _, body = call(a.url + "/v2/models/" + a.model, a.token)
    if status != 200:
        raise SystemExit("metadata: HTTP %d %s" % (status, body[:200]))
    meta = json.loads(body)
    tensor = meta["inputs"][0]
    datatype = tensor["datatype"]
    per_image = 1
    for d in tensor["shape"][1:]:
        per_image *= d
    with open(a.images, "rb") as f:
        raw = f.read()
    values = list(struct.unpack("<%df" % (len(raw) // 4), raw))
    assert len(values) == a.count * per_image, "the image file does not match the metadata shape"
    shape = [a.count] + tensor["shape"][1:]

    data = pack(datatype, values)
    header = json.dumps({
        "id": "spec-client",
        "inputs": [{"name": tensor["name"], "shape": shape, "datatype": datatype,
                    "parameters": {"binary_data_size": len(data)}}],
        "outputs": [{"name": "label", "parameters": {"binary_data": True}}],
    }).encode()
    infer = a.url + "/v2/models/" + a.model + "/infer"
    status, headers, body = call(infer, a.token, header + data, {
        "Content-Type": "application/octet-stream", "Inference-Header-Content-Length": str(len(header))})
    if status != 200:
        raise SystemExit("binary infer: HTTP %d %s" % (status, body[:300]))
    answer, blobs = split_binary(headers, body)
    report["binary_labels"] = labels_from(answer["outputs"], blobs)
    report["binary_request_bytes"] = len(header) + len(data)
    report["id_echoed"] = answer.get("id") == "spec-client"

    json_values = [round(v * 255) for v in values] if datatype in ("UINT8", "INT64") else values
    body_json = json.dumps({"inputs": [{"name": tensor["name"], "shape": shape, "datatype": datatype,
                                        "data": json_values}]}).encode()
    status, headers, body = call(infer, a.token, body_json, {"Content-Type": "application/json"})
    if status != 200:
        raise SystemExit("JSON infer: HTTP %d %s" % (status, body[:300]))
    answer, blobs = split_binary(headers, body)
    report["json_labels"] = labels_from(answer["outputs"], blobs)
    report["json_request_bytes"] = len(body_json)

    short = json.dumps({"inputs": [{"name": tensor["name"], "shape": shape, "datatype": datatype,
                                    "parameters": {"binary_data_size": len(data) - 1}}]}).encode()
    status, _, body = call(infer, a.token, short + data[:-1], {
        "Content-Type": "application/octet-stream", "Inference-Header-Content-Length": str(len(short))})
    report["bad_size_status"] = status
    report["bad_size_error"] = json.loads(body).get("error", "")
    json.dump(report, sys.stdout)
    print()


if __name__ == "__main__":
    main()
