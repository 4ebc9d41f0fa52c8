package ml.frontier.gan.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientStreamTracer;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerStreamTracer;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes on the wire per RPC method, from gRPC's own stream tracers: the size of each message
 * as serialised on the wire (without HTTP/2 and TLS framing). Install {@link #serverTracer()} on
 * a server builder and {@link #clientInterceptor()} on a channel. Thread-safe.
 */
public final class WireMeter {

    private final Map<String, LongAdder[]> counts = new ConcurrentHashMap<>();

    /** Bytes received and sent for one method, from this process's point of view. */
    public record Count(long messagesIn, long bytesIn, long messagesOut, long bytesOut) {
        public Count minus(Count earlier) {
            return new Count(messagesIn - earlier.messagesIn, bytesIn - earlier.bytesIn,
                    messagesOut - earlier.messagesOut, bytesOut - earlier.bytesOut);
        }
    }

    private LongAdder[] of(String method) {
        return counts.computeIfAbsent(method, k -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()});
    }

    void inbound(String method, long bytes) {
        LongAdder[] c = of(method);
        c[0].increment();
        c[1].add(bytes);
    }

    void outbound(String method, long bytes) {
        LongAdder[] c = of(method);
        c[2].increment();
        c[3].add(bytes);
    }

    /** The count for {@code fullMethodName} (e.g. {@code MdGanRpc.JOIN.getFullMethodName()}). */
    public Count count(String fullMethodName) {
        LongAdder[] c = counts.get(fullMethodName);
        return c == null ? new Count(0, 0, 0, 0) : new Count(c[0].sum(), c[1].sum(), c[2].sum(), c[3].sum());
    }

    /** Every method's count, by full method name. */
    public Map<String, Count> snapshot() {
        Map<String, Count> out = new TreeMap<>();
        for (String m : counts.keySet()) {
            out.put(m, count(m));
        }
        return out;
    }

    public long totalIn() {
        return snapshot().values().stream().mapToLong(Count::bytesIn).sum();
    }

    public long totalOut() {
        return snapshot().values().stream().mapToLong(Count::bytesOut).sum();
    }

    /** Counts the messages of every call a server receives and sends. */
    public ServerStreamTracer.Factory serverTracer() {
        return new ServerStreamTracer.Factory() {
            @Override
            public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
                return new ServerStreamTracer() {
                    @Override
                    public void inboundWireSize(long bytes) {
                        inbound(fullMethodName, bytes);
                    }

                    @Override
                    public void outboundWireSize(long bytes) {
                        outbound(fullMethodName, bytes);
                    }
                };
            }
        };
    }

    /** Counts the messages of every call made through a channel. */
    public ClientInterceptor clientInterceptor() {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                String name = method.getFullMethodName();
                ClientStreamTracer.Factory f = new ClientStreamTracer.Factory() {
                    @Override
                    public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
                        return new ClientStreamTracer() {
                            @Override
                            public void inboundWireSize(long bytes) {
                                inbound(name, bytes);
                            }

                            @Override
                            public void outboundWireSize(long bytes) {
                                outbound(name, bytes);
                            }
                        };
                    }
                };
                return next.newCall(method, options.withStreamTracerFactory(f));
            }
        };
    }
}
