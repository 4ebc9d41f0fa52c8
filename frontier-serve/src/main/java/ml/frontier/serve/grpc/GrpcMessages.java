package ml.frontier.serve.grpc;

import com.google.protobuf.ByteString;
import ml.frontier.serve.OipException;
import ml.frontier.serve.protocol.BinaryTensors;
import ml.frontier.serve.protocol.Datatypes;
import ml.frontier.serve.protocol.InferRequest;
import ml.frontier.serve.protocol.InferResponse;
import ml.frontier.serve.protocol.ModelMetadata;
import ml.frontier.serve.protocol.RequestTensor;
import ml.frontier.serve.protocol.ResponseTensor;
import ml.frontier.serve.protocol.TensorMetadata;
import ml.frontier.serve.grpc.proto.InferTensorContents;
import ml.frontier.serve.grpc.proto.ModelInferRequest;
import ml.frontier.serve.grpc.proto.ModelInferResponse;
import ml.frontier.serve.grpc.proto.ModelMetadataResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts between the protobuf messages and the protocol records. Inputs come as
 * {@code raw_input_contents} (one entry per input, all or none, as the spec requires) or as the
 * typed {@code contents}; outputs always go back as {@code raw_output_contents}, as Triton does.
 */
final class GrpcMessages {

    private GrpcMessages() {}

    static InferRequest request(ModelInferRequest m) {
        int raw = m.getRawInputContentsCount();
        if (raw != 0 && raw != m.getInputsCount()) {
            throw OipException.badRequest("raw_input_contents has " + raw + " entries for " + m.getInputsCount()
                    + " inputs; give one per input or none");
        }
        List<RequestTensor> inputs = new ArrayList<>();
        for (int i = 0; i < m.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor in = m.getInputs(i);
            long[] shape = in.getShapeList().stream().mapToLong(Long::longValue).toArray();
            RequestTensor header = new RequestTensor(in.getName(), shape, in.getDatatype(), new float[0]);
            float[] values;
            if (raw != 0) {
                ByteString bytes = m.getRawInputContents(i);
                values = BinaryTensors.decode(header, i, bytes.toByteArray(), 0, bytes.size());
            } else {
                values = contents(header, i, in.getContents());
                BinaryTensors.requireFinite(values, header.describe(i));
            }
            inputs.add(header.withData(values));
        }
        List<String> outputs = m.getOutputsList().stream().map(ModelInferRequest.InferRequestedOutputTensor::getName).toList();
        return new InferRequest(m.getId().isEmpty() ? null : m.getId(), inputs, outputs);
    }

    /** Values from the typed contents field that matches the datatype. */
    private static float[] contents(RequestTensor t, int index, InferTensorContents c) {
        return switch (t.datatype()) {
            case Datatypes.FP32 -> floats(c.getFp32ContentsList());
            case Datatypes.FP64 -> floats(c.getFp64ContentsList());
            case Datatypes.INT64 -> floats(c.getInt64ContentsList());
            case Datatypes.INT32 -> floats(c.getIntContentsList());
            case Datatypes.UINT8 -> floats(c.getUintContentsList());
            default -> throw OipException.badRequest(t.describe(index) + " has datatype " + t.datatype()
                    + ", which has no typed contents field; send it in raw_input_contents");
        };
    }

    private static float[] floats(List<? extends Number> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    static ModelInferResponse response(InferResponse r) {
        ModelInferResponse.Builder b = ModelInferResponse.newBuilder().setModelName(r.modelName()).setModelVersion("1");
        if (r.id() != null) {
            b.setId(r.id());
        }
        for (ResponseTensor t : r.outputs()) {
            ModelInferResponse.InferOutputTensor.Builder o = ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName(t.name()).setDatatype(t.datatype());
            for (long d : t.shape()) {
                o.addShape(d);
            }
            b.addOutputs(o);
            b.addRawOutputContents(ByteString.copyFrom(t.bytes()));
        }
        return b.build();
    }

    static ModelMetadataResponse metadata(ModelMetadata m) {
        ModelMetadataResponse.Builder b = ModelMetadataResponse.newBuilder().setName(m.name()).addAllVersions(m.versions())
                .setPlatform(m.platform());
        m.inputs().forEach(t -> b.addInputs(tensor(t)));
        m.outputs().forEach(t -> b.addOutputs(tensor(t)));
        return b.build();
    }

    private static ModelMetadataResponse.TensorMetadata tensor(TensorMetadata t) {
        ModelMetadataResponse.TensorMetadata.Builder b = ModelMetadataResponse.TensorMetadata.newBuilder()
                .setName(t.name()).setDatatype(t.datatype());
        for (long d : t.shape()) {
            b.addShape(d);
        }
        return b.build();
    }
}
