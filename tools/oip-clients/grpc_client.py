#!/usr/bin/env python3
"""An Open Inference Protocol v2 gRPC client (inference.GRPCInferenceService) with stubs
generated at run time from the protocol's .proto by grpc_tools (Debian: python3-grpcio,
python3-grpc-tools). It checks liveness, readiness and metadata, infers the images with
raw_input_contents, sends bad requests, and prints a JSON report on stdout:

    grpc_client.py --proto grpc_predict_v2.proto --target 127.0.0.1:8001 --model mnist \
        --images images.f32 --count 100 [--token TOKEN]
"""
import argparse
import importlib
import json
import os
import struct
import sys
import tempfile


def stubs(proto):
    from grpc_tools import protoc
    out = tempfile.mkdtemp(prefix="oip-stubs-")
    folder, name = os.path.split(os.path.abspath(proto))
    rc = protoc.main(["protoc", "-I" + folder, "--python_out=" + out, "--grpc_python_out=" + out, name])
    if rc != 0:
        raise SystemExit("protoc failed on " + proto)
    sys.path.insert(0, out)
    base = name[:-len(".proto")]
    return importlib.import_module(base + "_pb2"), importlib.import_module(base + "_pb2_grpc")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--proto", required=True)
    p.add_argument("--target", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--images", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--token")
    a = p.parse_args()
    import grpc
    pb, rpc = stubs(a.proto)
    stub = rpc.GRPCInferenceServiceStub(grpc.insecure_channel(a.target))
    auth = [("authorization", "Bearer " + a.token)] if a.token else []
    report = {
        "live": stub.ServerLive(pb.ServerLiveRequest(), timeout=10).live,
        "ready": stub.ServerReady(pb.ServerReadyRequest(), timeout=10).ready,
        "model_ready": stub.ModelReady(pb.ModelReadyRequest(name=a.model), metadata=auth, timeout=10).ready,
    }
    meta = stub.ModelMetadata(pb.ModelMetadataRequest(name=a.model), metadata=auth, timeout=10)
    tensor = meta.inputs[0]
    if tensor.datatype != "FP32":
        raise SystemExit("this client sends FP32 only, the model takes " + tensor.datatype)
    with open(a.images, "rb") as f:
        raw = f.read()
    shape = [a.count] + list(tensor.shape[1:])

    def request(datatype="FP32", dims=None, contents=raw, model=a.model):
        r = pb.ModelInferRequest(model_name=model, id="spec-grpc")
        r.inputs.add(name=tensor.name, datatype=datatype, shape=dims or shape)
        r.outputs.add(name="label")
        r.raw_input_contents.append(contents)
        return r

    answer = stub.ModelInfer(request(), metadata=auth, timeout=60)
    out = answer.outputs[0]
    fmt = {"INT64": "q", "INT32": "i"}[out.datatype]
    blob = answer.raw_output_contents[0]
    report["labels"] = list(struct.unpack("<%d%s" % (len(blob) // struct.calcsize(fmt), fmt), blob))
    report["request_bytes"] = request().ByteSize()

    bad = {
        "wrong_shape": (request(dims=[a.count, 5]), auth),
        "wrong_datatype": (request(datatype="INT32"), auth),
        "wrong_length": (request(contents=raw[:-4]), auth),
        "unknown_model": (request(model="no-such-model"), auth),
        "missing_token": (request(), []),
    }
    codes = {}
    for what, (r, md) in bad.items():
        try:
            stub.ModelInfer(r, metadata=md, timeout=30)
            codes[what] = "OK"
        except grpc.RpcError as e:
            codes[what] = e.code().name
    report["errors"] = codes
    again = stub.ModelInfer(request(), metadata=auth, timeout=60)
    report["serves_after_errors"] = again.raw_output_contents[0] == blob
    json.dump(report, sys.stdout)
    print()


if __name__ == "__main__":
    main()
