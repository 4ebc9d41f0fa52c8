/** Bit flips in stored weights: random single flips (a faulty memory cell) and targeted flips (a Rowhammer-style attacker). */
package ml.frontier.attack.bitflip;
