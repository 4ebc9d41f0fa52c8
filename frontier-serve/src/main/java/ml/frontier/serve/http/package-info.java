/**
 * The thin HTTP layer of the OIP server, on Javalin: routes, bearer-token check, the single
 * exception mapper that turns every failure into an OIP {@code {"error": ...}} body, and the
 * request-size bound. It only converts between the wire and the
 * {@link ml.frontier.serve.InferenceService}.
 */
package ml.frontier.serve.http;
