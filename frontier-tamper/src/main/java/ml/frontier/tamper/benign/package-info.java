/**
 * Benign re-deployments of a genuine model: the ways the untouched model may be served (other
 * batch sizes, a copy, reduced-precision rounding, ONNX Runtime, fresh processes with other thread
 * counts and CPU instruction sets). A marker whose label moves under any of them would raise a
 * false alarm, so marker generation keeps only markers stable under all of them.
 */
package ml.frontier.tamper.benign;
