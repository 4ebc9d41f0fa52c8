package ml.frontier.serve.protocol;

/** The OIP error body: {@code {"error": "what is wrong"}}. */
public record ErrorBody(String error) {}
