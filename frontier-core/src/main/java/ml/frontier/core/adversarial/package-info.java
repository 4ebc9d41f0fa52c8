/** Adversarial examples on any white-box classifier: FGSM and iterated FGSM / PGD (L∞, [0,1]). */
package ml.frontier.core.adversarial;
