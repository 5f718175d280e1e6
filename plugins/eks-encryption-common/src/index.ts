/**
 * Types, annotation parser, check catalogue, scoring and permissions shared by the
 * EKS Secrets encryption plugins.
 *
 * @packageDocumentation
 */
export * from './constants';
export * from './types';
export * from './checks';
export * from './annotation';
export * from './scoring';
export * from './permissions';
export * from './api';
