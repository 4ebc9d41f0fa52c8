/** {@code frontier demo}: the main job, a sequence of steps over the embedded MNIST with a report. */
package ml.frontier.lab.demo;
