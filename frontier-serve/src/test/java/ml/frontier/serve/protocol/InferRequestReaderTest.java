package ml.frontier.serve.protocol;

import ml.frontier.serve.OipException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InferRequestReaderTest {

    final InferRequestReader reader = new InferRequestReader(OipJson.newMapper());

    InferRequest read(String json) throws Exception {
        return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void flattensNestedDataAndSkipsUnknownFields() throws Exception {
        InferRequest r = read("{\"parameters\":{\"a\":[1,{\"b\":2}]},\"id\":\"x\",\"inputs\":[{\"data\":[[[1,2],[3,4.5]]],"
                + "\"name\":\"in\",\"shape\":[1,2,2],\"datatype\":\"FP32\",\"parameters\":{}}],\"outputs\":[{\"name\":\"label\",\"parameters\":{}}]}");
        assertEquals("x", r.id());
        assertEquals(1, r.inputs().size());
        RequestTensor t = r.inputs().get(0);
        assertArrayEquals(new float[] {1, 2, 3, 4.5f}, t.data());
        assertArrayEquals(new long[] {1, 2, 2}, t.shape());
        assertEquals(4, t.elementCount());
        assertEquals(java.util.List.of("label"), r.outputs());
    }

    @Test
    void rejectsNonFiniteValuesWhereverTheyAre() {
        for (String v : new String[] {"NaN", "Infinity", "-Infinity", "+Infinity", "1e39", "-1e400", "\"NaN\"", "\"-inf\"", "\"Infinity\""}) {
            OipException e = assertThrows(OipException.class,
                    () -> read("{\"inputs\":[{\"name\":\"i\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[[0.5, " + v + "]]}]}"));
            assertEquals(400, e.status());
            assertTrue(e.getMessage().contains("non-finite") && e.getMessage().contains("element 1"), v + ": " + e.getMessage());
        }
    }

    @Test
    void malformedJsonIsA400() {
        for (String body : new String[] {"", "{", "{\"inputs\":[{]}", "{} {}", "{\"inputs\":[1]}", "{\"inputs\":{}}", "{\"id\":3,\"inputs\":[]}"}) {
            OipException e = assertThrows(OipException.class, () -> read(body), body);
            assertEquals(400, e.status(), body);
        }
    }
}
