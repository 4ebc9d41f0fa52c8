package ml.frontier.serve.client;

import ml.frontier.core.FrontierException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --remote} address: REST {@code http(s)://host:port[/prefix]/v2/models/NAME[/versions/V]}
 * or gRPC {@code grpc(s)://host:port/NAME[/versions/V]}.
 */
record RemoteUrl(String text, boolean grpc, boolean tls, String host, int port, String model, String version) {

    private static final Pattern REST = Pattern.compile("https?://[^/]+(/.*)?/v2/models/([^/]+)(/versions/([^/]+))?");
    private static final Pattern GRPC = Pattern.compile("(grpcs?)://(\\[[^]]+]|[^:/\\[]+):(\\d{1,5})/(?:v2/models/)?([^/]+)(/versions/([^/]+))?");

    static RemoteUrl parse(String url) throws FrontierException {
        String u = url == null ? "" : url.trim().replaceAll("/+$", "");
        Matcher rest = REST.matcher(u);
        if (rest.matches()) {
            return new RemoteUrl(u, false, u.startsWith("https"), null, -1, rest.group(2), rest.group(4));
        }
        Matcher g = GRPC.matcher(u);
        if (g.matches()) {
            int port = Integer.parseInt(g.group(3));
            if (port < 1 || port > 65535) {
                throw new FrontierException("'" + url + "': the port must be in 1..65535");
            }
            String host = g.group(2).startsWith("[") ? g.group(2).substring(1, g.group(2).length() - 1) : g.group(2);
            return new RemoteUrl(u, true, g.group(1).equals("grpcs"), host, port, g.group(4), g.group(6));
        }
        throw new FrontierException("'" + url + "' is not an Open Inference Protocol model URL; expected "
                + "http://host:port/v2/models/NAME or grpc://host:port/NAME");
    }
}
