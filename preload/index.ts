// The sandboxed preload: exposes the named billing functions to the page, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createBillingBridge } from './billing-bridge';

contextBridge.exposeInMainWorld('billing', createBillingBridge(ipcRenderer));
