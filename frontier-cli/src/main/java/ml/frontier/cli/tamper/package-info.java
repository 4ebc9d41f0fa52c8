/** {@code frontier tamper …}: make TamperNN markers for a model and check a deployed model with them. */
package ml.frontier.cli.tamper;
