import { create } from 'zustand';

/** Which environment the editor shows status for and deploys to, per service (UI state only). */
interface DeployState {
  selectedEnvironment: Record<string, string>;
  environmentSelected: (serviceSid: string, environmentSid: string) => void;
}

export const useDeployStore = create<DeployState>()((set) => ({
  selectedEnvironment: {},
  environmentSelected: (serviceSid, environmentSid) =>
    set((state) => ({ selectedEnvironment: { ...state.selectedEnvironment, [serviceSid]: environmentSid } })),
}));
