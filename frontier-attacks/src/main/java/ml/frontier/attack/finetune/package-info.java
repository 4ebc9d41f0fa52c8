/**
 * Fine-tuning attacks of Adi et al., "Turning Your Weakness Into a Strength: Watermarking Deep
 * Neural Networks by Backdooring" (USENIX Security 2018, arXiv:1802.04633): FTLL, FTAL, RTLL,
 * RTAL, on the attacker's own data.
 */
package ml.frontier.attack.finetune;
