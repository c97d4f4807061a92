#!/bin/bash
# Classify a large corpus as a Slurm array job: task K of N runs
# `spiral classify --shard K/N` into its own run folder; a last job, started
# when every task has finished, merges the shard runs into one run whose
# outputs are byte-identical to a single unsharded run (see docs/scale.md).
#
# Submit from the folder that holds corpus/ and runs/ (paths below are
# relative to it):
#
#   jobid=$(sbatch --parsable docs/slurm-array.sh)
#   sbatch --dependency=afterok:$jobid --job-name=spiral-merge \
#          --wrap 'npx spiral merge runs/shards/* --out runs/corpus'
#
# Every task must see the same corpus, the same lexicon folder and the same
# spiral build (`npm ci` once on a shared file system); merge refuses shards
# that differ in any of these, and tells which shard is missing or repeated.
#
#SBATCH --job-name=spiral-classify
#SBATCH --array=1-16
#SBATCH --cpus-per-task=4
#SBATCH --mem=2G
#SBATCH --time=00:30:00
#SBATCH --output=logs/spiral-%A_%a.out

set -euo pipefail

CORPUS=${CORPUS:-corpus}
LEXICONS=${LEXICONS:-}            # empty: the bundled lexicons
N=${SLURM_ARRAY_TASK_COUNT:-16}   # the number of shards: the array size
K=${SLURM_ARRAY_TASK_ID:?run as an array job (sbatch --array=1-N)}

mkdir -p runs/shards logs
# Node 20 must be on PATH (e.g. `module load nodejs/20` on clusters that use modules).
npx spiral classify "$CORPUS" \
  --shard "$K/$N" \
  --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --out "runs/shards/shard-$(printf '%03d' "$K")" \
  ${LEXICONS:+--lexicons "$LEXICONS"} \
  --quiet
