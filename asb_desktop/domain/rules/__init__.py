"""Pure policy rules: working-day targets, the ASB Case Review threshold, repeat
non-ASB matching, DASH, risk questionnaires, the intervention ladder.

No I/O and no Qt: controllers gather the facts, these functions decide.
"""
