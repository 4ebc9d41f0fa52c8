/**
 * Trojaning by data poisoning (Gu et al., "BadNets", 2017; the "trojaning" attack of TamperNN):
 * a trigger patch stamped on some of the attacker's images, relabelled to a target class, then
 * retraining, so that any image carrying the trigger is sent to the target class.
 */
package ml.frontier.attack.trojan;
