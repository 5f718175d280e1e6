#!/usr/bin/env bash
# A stand-in for the AWS CLI in tests of scripts/export-aws-snapshot.sh. It answers
# `aws [--profile ACCOUNT] eks|kms <command> ... --output json` from a snapshot folder
# ($FAKE_AWS_SNAPSHOT, written by writeSnapshot) the way the CLI would: the JSON on
# stdout, or "An error occurred (<name>) ..." on stderr with exit status 254.
# The account of a call is its --profile, else that of a key ARN, else $FAKE_AWS_ACCOUNT.
set -euo pipefail
printf '%s\n' "$*" >>"${FAKE_AWS_LOG:-/dev/null}"

account=${FAKE_AWS_ACCOUNT:-111122223333}
if [ "${1:-}" = --profile ]; then account=$2; shift 2; fi
service=$1 command=$2
shift 2
name='' region='' update='' key=''
while [ $# -gt 0 ]; do
  case $1 in
    --name) name=$2; shift 2 ;;
    --region) region=$2; shift 2 ;;
    --update-id) update=$2; shift 2 ;;
    --key-id) key=$2; shift 2 ;;
    --policy-name) [ "$2" = default ] || { echo "unexpected policy name $2" >&2; exit 252; }; shift 2 ;;
    --output) shift 2 ;;
    *) echo "unexpected argument $1" >&2; exit 252 ;;
  esac
done

kms_file() {
  [[ $key =~ ^arn:[^:]+:kms:([^:]+):([0-9]{12}):(key|alias)/(.+)$ ]] || { echo "bad key $key" >&2; exit 252; }
  local kind=keys
  [ "${BASH_REMATCH[3]}" = alias ] && kind=aliases
  file="$FAKE_AWS_SNAPSHOT/${BASH_REMATCH[2]}/${BASH_REMATCH[1]}/kms/$kind/${BASH_REMATCH[4]}/$1"
}

cluster="$FAKE_AWS_SNAPSHOT/$account/$region/eks/clusters/$name"
case "$service $command" in
  'eks list-clusters') file="$FAKE_AWS_SNAPSHOT/$account/$region/eks/list-clusters" ;;
  'eks describe-cluster') file="$cluster/describe-cluster" ;;
  'eks list-updates') file="$cluster/list-updates" ;;
  'eks describe-update') file="$cluster/updates/$update" ;;
  'kms describe-key' | 'kms get-key-rotation-status' | 'kms get-key-policy' | 'kms list-resource-tags')
    kms_file "$command" ;;
  *) echo "unexpected command $service $command" >&2; exit 252 ;;
esac

operation=''
for word in ${command//-/ }; do operation+=${word^}; done
if [ -f "$file.json" ]; then
  cat "$file.json"
elif [ -f "$file.error.json" ]; then
  error=$(<"$file.error.json")
  error=${error//$'\n'/ }
  [[ $error =~ \"name\":\ *\"([^\"]*)\" ]] && code=${BASH_REMATCH[1]}
  [[ $error =~ \"message\":\ *\"([^\"]*)\" ]] && message=${BASH_REMATCH[1]}
  echo "" >&2
  echo "An error occurred ($code) when calling the $operation operation: $message" >&2
  exit 254
else
  echo "An error occurred (ResourceNotFoundException) when calling the $operation operation: not found" >&2
  exit 254
fi
