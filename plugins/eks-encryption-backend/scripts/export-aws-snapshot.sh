#!/usr/bin/env bash
# Exports what the EKS encryption audit reads from AWS into a snapshot folder that the
# backend's `snapshot` source (eksEncryption.aws.source: snapshot) reads offline.
#
# Usage:
#   export-aws-snapshot.sh OUTPUT_DIR TARGET...
#   export-aws-snapshot.sh OUTPUT_DIR -f FILE      (targets separated by whitespace or commas; # comments)
# A TARGET is a cluster ARN, or ACCOUNT/REGION (e.g. 111122223333/eu-west-1) for discovery.
#
# The cluster listing (eks list-clusters) of every account and region named is exported
# too, and so is every cluster it lists, so that discovery (eksEncryption.discovery) works
# offline.
#
# Needs the AWS CLI (v1 or v2) and bash 3.2 or later; no jq. Calls run with the CLI's default credentials,
# or with a named profile per account: EKS_SNAPSHOT_PROFILE_<accountId>=<profile>.
# kms:GetKeyPolicy and kms:ListResourceTags only work with credentials of the KEY's account.
#
# Layout written (see plugins/eks-encryption-backend/README.md):
#   <account>/<region>/eks/list-clusters.json
#   <account>/<region>/eks/clusters/<name>/{describe-cluster,list-updates}.json
#   <account>/<region>/eks/clusters/<name>/updates/<updateId>.json
#   <account>/<region>/kms/keys/<keyId>/{describe-key,get-key-rotation-status,get-key-policy,list-resource-tags}.json
#   <account>/<region>/kms/aliases/<alias name without "alias/">/describe-key.json
# A call that fails writes <file>.error.json instead: {"name": "<AWS error code>", "message": "..."}.
set -euo pipefail

export AWS_PAGER=''

usage() {
  sed -n '5,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 2 ] || usage
out=$1
shift

targets=()
if [ "$1" = '-f' ]; then
  [ $# -eq 2 ] || usage
  [ -r "$2" ] || { echo "cannot read $2" >&2; exit 2; }
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%%#*}
    for token in ${line//,/ }; do targets+=("$token"); done
  done <"$2"
else
  for token in "$@"; do
    for part in ${token//,/ }; do targets+=("$part"); done
  done
fi
[ ${#targets[@]} -gt 0 ] || { echo 'no cluster ARNs or ACCOUNT/REGION given' >&2; exit 2; }

command -v aws >/dev/null || { echo 'the AWS CLI (aws) is not on PATH' >&2; exit 2; }

CLUSTER_NAME='[0-9A-Za-z][0-9A-Za-z_-]{0,99}'
CLUSTER_ARN="^arn:(aws|aws-cn|aws-us-gov):eks:([a-z0-9-]+):([0-9]{12}):cluster/($CLUSTER_NAME)\$"
LOCATION='^([0-9]{12})/([a-z0-9-]{1,30})$'
KMS_ARN='^arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):([0-9]{12}):(key|alias)/([0-9A-Za-z/_-]+)$'
UPDATE_ID='^[0-9A-Za-z-]{1,100}$'

failures=0

# Escapes text for a JSON string: backslashes, quotes, control characters.
json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/ }
  s=${s//$'\r'/ }
  s=${s//$'\t'/ }
  printf '"%s"' "$s"
}

# call ACCOUNT FILE_WITHOUT_.json AWS_ARGS...: writes FILE.json, or FILE.error.json when
# the call fails. Returns 1 on failure so callers can skip what depends on the answer.
call() {
  local account=$1 file=$2
  shift 2
  local profile_var="EKS_SNAPSHOT_PROFILE_${account}"
  local profile=()
  if [ -n "${!profile_var:-}" ]; then profile=(--profile "${!profile_var}"); fi
  mkdir -p "${file%/*}"
  # ${a[@]+...}: an empty array is "unbound" under set -u before bash 4.4.
  if aws ${profile[@]+"${profile[@]}"} "$@" --output json >"$file.json.tmp" 2>"$file.stderr.tmp"; then
    mv "$file.json.tmp" "$file.json"
    rm -f "$file.error.json" "$file.stderr.tmp"
    return 0
  fi
  local text code message
  text=$(<"$file.stderr.tmp")
  rm -f "$file.json.tmp" "$file.json" "$file.stderr.tmp"
  text=${text//$'\n'/ }
  # "An error occurred (AccessDeniedException) when calling the GetKeyPolicy operation: ..."
  local pattern='An error occurred \(([A-Za-z0-9.]+)\)[^:]*: *(.*)$'
  if [[ $text =~ $pattern ]]; then
    code=${BASH_REMATCH[1]} message=${BASH_REMATCH[2]}
  else
    code=CliError message=$text
  fi
  printf '{\n  "name": %s,\n  "message": %s\n}\n' "$(json_string "$code")" "$(json_string "$message")" \
    >"$file.error.json"
  echo "  $* -> $code" >&2
  failures=$((failures + 1))
  return 1
}

# Prints the string values of a JSON member (e.g. "keyArn") found in a file.
json_values() {
  tr -d '\n' <"$2" | grep -oE "\"$1\"[[:space:]]*:[[:space:]]*\"[^\"]*\"" | sed -E 's/.*:[[:space:]]*"([^"]*)"$/\1/' || true
}

# Prints the items of a JSON string array member (e.g. "updateIds").
json_array() {
  tr -d '\n' <"$2" | sed -n -E "s/.*\"$1\"[[:space:]]*:[[:space:]]*\[([^]]*)\].*/\1/p" |
    tr ',' '\n' | sed -E 's/^[[:space:]]*"//; s/"[[:space:]]*$//' | grep -v '^[[:space:]]*$' || true
}

# The partition a region is in.
partition_of() {
  case $1 in
    cn-*) echo aws-cn ;;
    us-gov-*) echo aws-us-gov ;;
    *) echo aws ;;
  esac
}

# Listings as <partition>:<account>:<region>, cluster ARNs, key references and resolved
# key ARNs, one per line (bash 3 has no associative arrays).
listings=''
cluster_arns=''
key_refs=''
key_arns=''

invalid=0
for target in "${targets[@]}"; do
  if [[ $target =~ $CLUSTER_ARN ]]; then
    cluster_arns+="$target"$'\n'
    listings+="${BASH_REMATCH[1]}:${BASH_REMATCH[3]}:${BASH_REMATCH[2]}"$'\n'
  elif [[ $target =~ $LOCATION ]]; then
    listings+="$(partition_of "${BASH_REMATCH[2]}"):${BASH_REMATCH[1]}:${BASH_REMATCH[2]}"$'\n'
  else
    echo "not an EKS cluster ARN or ACCOUNT/REGION: \"$target\" (expected arn:<partition>:eks:<region>:<account>:cluster/<name> or <account>/<region>)" >&2
    invalid=1
  fi
done
[ $invalid -eq 0 ] || exit 2

# Discovery lists every cluster of an account and region; the clusters listed are audited.
for listing in $(printf '%s' "$listings" | sort -u); do
  IFS=: read -r partition account region <<<"$listing"
  file="$out/$account/$region/eks/list-clusters"
  echo "listing $account/$region" >&2
  if call "$account" "$file" eks list-clusters --region "$region"; then
    for name in $(json_array clusters "$file.json"); do
      if [[ $name =~ ^${CLUSTER_NAME}$ ]]; then
        cluster_arns+="arn:$partition:eks:$region:$account:cluster/$name"$'\n'
      fi
    done
  fi
done

for arn in $(printf '%s' "$cluster_arns" | sort -u); do
  [[ $arn =~ $CLUSTER_ARN ]]
  region=${BASH_REMATCH[2]} account=${BASH_REMATCH[3]} name=${BASH_REMATCH[4]}
  dir="$out/$account/$region/eks/clusters/$name"
  echo "cluster $arn" >&2
  if call "$account" "$dir/describe-cluster" eks describe-cluster --region "$region" --name "$name"; then
    key_refs+="$(json_values keyArn "$dir/describe-cluster.json")"$'\n'
  fi
  if call "$account" "$dir/list-updates" eks list-updates --region "$region" --name "$name"; then
    for id in $(json_array updateIds "$dir/list-updates.json"); do
      if [[ $id =~ $UPDATE_ID ]]; then
        call "$account" "$dir/updates/$id" eks describe-update --region "$region" --name "$name" \
          --update-id "$id" || true
      fi
    done
  fi
done

for ref in $(printf '%s' "$key_refs" | sort -u); do
  if [[ ! $ref =~ $KMS_ARN ]]; then
    echo "skipping key reference \"$ref\": not a KMS key or alias ARN" >&2
    continue
  fi
  region=${BASH_REMATCH[2]} account=${BASH_REMATCH[3]} kind=${BASH_REMATCH[4]} id=${BASH_REMATCH[5]}
  base="$out/$account/$region/kms"
  if [ "$kind" = key ]; then file="$base/keys/$id/describe-key"; else file="$base/aliases/$id/describe-key"; fi
  echo "key $ref" >&2
  if call "$account" "$file" kms describe-key --region "$region" --key-id "$ref"; then
    key_arns+="$(json_values Arn "$file.json")"$'\n'
  fi
done

for key_arn in $(printf '%s' "$key_arns" | sort -u); do
  [[ $key_arn =~ $KMS_ARN ]] || continue
  region=${BASH_REMATCH[2]} account=${BASH_REMATCH[3]} id=${BASH_REMATCH[5]}
  dir="$out/$account/$region/kms/keys/$id"
  call "$account" "$dir/get-key-rotation-status" kms get-key-rotation-status --region "$region" \
    --key-id "$key_arn" || true
  call "$account" "$dir/get-key-policy" kms get-key-policy --region "$region" --key-id "$key_arn" \
    --policy-name default || true
  call "$account" "$dir/list-resource-tags" kms list-resource-tags --region "$region" \
    --key-id "$key_arn" || true
done

echo "snapshot written to $out ($failures call(s) recorded as failed)" >&2
