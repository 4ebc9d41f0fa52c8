package ml.frontier.serve.client;

import java.util.Locale;
import java.util.regex.Pattern;

/** One extra request header, as {@code --header 'Name: value'} gives it. */
public record HttpHeader(String name, String value) {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public HttpHeader {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid header name");
        }
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header " + name + " needs a one-line value");
        }
    }

    /** Parses {@code "Name: value"}. */
    public static HttpHeader parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("header '" + text + "' must look like 'Name: value'");
        }
        return new HttpHeader(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
    }

    /** True for the Host header, which sets the authority rather than being an ordinary header. */
    public boolean isHost() {
        return name.toLowerCase(Locale.ROOT).equals("host");
    }
}
